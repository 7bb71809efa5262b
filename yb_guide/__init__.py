"""ybguide: 山西省医保投诉与报销问题命令行指南。

The package is a library (knowledge, workdays, deadlines, flows, cases, letter)
with a thin command-line front end in ``cli.py``.  Nothing heavy happens at
import time so that ``ybguide`` starts fast.
"""

__version__ = "0.1.0"
