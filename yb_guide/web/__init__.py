"""The local web page (``ybguide serve``): the same payloads as the command line, as HTML.

``app`` builds the Starlette application; ``server`` binds the socket, finds the address a phone on
the same network can open and runs uvicorn.  Nothing here prints: the command line says what to say
(``cli.app.serve``).  Nothing a person types is stored or logged.
"""
