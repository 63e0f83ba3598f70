"""A small command-line client of a Holarchy server's REST API: standard library only, no Django, no engine.

    python -m holarchy_client --server URL --token hol_… import MODEL.yaml
    python -m holarchy_client --server URL --token hol_… run MODEL --follow

The server and token may also come from HOLARCHY_SERVER and HOLARCHY_TOKEN (a token on the command
line is visible to other users of the machine in the process list).
"""
