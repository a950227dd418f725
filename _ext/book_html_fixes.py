"""Local Sphinx extension: page fixes the book needs, each found by the browser test.

1. sphinx-thebe adds its configuration script (``const THEBE_JS_URL = ...``) from an
   ``env-before-read-docs`` handler through ``app.add_js_file``. After the HTML builder exists, Sphinx
   registers such a script both with the builder and in its registry, so every page carries it twice
   and the browser stops on "Identifier 'THEBE_JS_URL' has already been declared". The book does not
   use live code (``launch_buttons.thebe: false``), so the handler is disconnected and neither the
   script nor sphinx-thebe's loader is added. The Binder and Colab launch buttons do not need them.
"""

from sphinx.application import Sphinx


def _drop_thebe_scripts(app: Sphinx) -> None:
    import sphinx_thebe

    for listener in list(app.events.listeners.get("env-before-read-docs", [])):
        if listener.handler is sphinx_thebe.init_thebe_core:
            app.disconnect(listener.id)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _drop_thebe_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
