"""Sphinx configuration for skmultilabel."""

import os
import sys

sys.path.insert(0, os.path.abspath(".."))

import skmultilabel  # noqa: E402

project = "skmultilabel"
author = "The skmultilabel developers"
copyright = "2026, The skmultilabel developers"
version = release = skmultilabel.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "myst_parser",
]

autosummary_generate = True
# The set_*_request methods scikit-learn generates link into its own glossary.
autodoc_default_options = {
    "members": True,
    "exclude-members": ",".join(
        f"set_{m}_request"
        for m in (
            "fit",
            "partial_fit",
            "predict",
            "predict_proba",
            "score",
            "transform",
        )
    ),
}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

# Links into other projects' docs need their inventories from the network;
# set SKMULTILABEL_DOCS_INTERSPHINX=1 where it is reachable.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", None),
    "numpy": ("https://numpy.org/doc/stable/", None),
    "scipy": ("https://docs.scipy.org/doc/scipy/", None),
    "sklearn": ("https://scikit-learn.org/stable/", None),
    "joblib": ("https://joblib.readthedocs.io/en/latest/", None),
}
intersphinx_timeout = 10
if os.environ.get("SKMULTILABEL_DOCS_INTERSPHINX"):
    extensions.append("sphinx.ext.intersphinx")

sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "download_all_examples": False,
    "within_subsection_order": "FileNameSortKey",
    "backreferences_dir": "generated/backreferences",
    "doc_module": ("skmultilabel",),
}

html_theme = "pydata_sphinx_theme"
html_title = "skmultilabel"
templates_path = ["_templates"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "sg_execution_times.rst"]
suppress_warnings = ["config.cache"]
