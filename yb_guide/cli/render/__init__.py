"""Rich renderers, one function per view, named as the view is: payload -> renderables.

rich is imported inside the functions (``kit``), so that importing a renderer costs nothing and
``--json`` never loads rich."""
