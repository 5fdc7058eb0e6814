"""LINE adapter: the only package that imports `linebot.v3`.

`inbound` turns webhook bodies into our `Inbound` events, `outbound` holds our message types and their
LINE JSON, `client` sends through the SDK, and `fake_api` is LINE's side made small for tests and the
simulator.
"""
