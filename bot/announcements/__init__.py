"""Announcements: a message to a segment of followers, sent as multicasts of at most 500 with retry keys.

    audience.py   who it is for (province, cluster sector, service interest, event registrants)
    quota.py      the monthly message quota, checked before sending
    compose.py    what it says in LINE (text, image, event card with a register button)
    sending.py    recipients fixed once, one delivery per batch, leases, resume after a crash
    jobs.py       scheduled starts and recovery, run by the worker
    cli.py        flask --app bot announce send
    console.py    the console pages (/staff/announcements)
"""
