"""Holds a SQLite database's write lock for a while, as QGIS does while it saves edits.

    /usr/bin/python3 hold_lock.py DATABASE SECONDS

Prints "locked" once it holds the lock (BEGIN EXCLUSIVE), sleeps, then commits and exits.
"""
import sqlite3
import sys
import time

connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
