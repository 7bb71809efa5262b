"""ybguide: 医保投诉与报销问题指南（全国通用，各省的数据包见 data/regions/）。

One library, front ends on top (ARCHITECTURE.md): ``base`` < ``calendar`` < ``knowledge`` <
``schedule`` < ``cases`` < ``letter`` < ``views`` < ``cli`` (and ``web``).  Nothing heavy
happens at import time so that ``ybguide`` starts fast.
"""

__version__ = "0.2.0"
