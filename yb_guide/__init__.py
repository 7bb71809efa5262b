"""ybguide: 山西省医保投诉与报销问题指南。

One library, front ends on top (ARCHITECTURE.md): ``base`` < ``calendar`` < ``knowledge`` <
``schedule`` < ``cases`` < ``letter`` < ``views`` < ``cli`` (and ``web``).  Nothing heavy
happens at import time so that ``ybguide`` starts fast.
"""

__version__ = "0.2.0"
