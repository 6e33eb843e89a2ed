"""How the study names its two sources, in claims, tables and the ledger.

The coverage paper: Yalin Liu, Yaru Fu, Qubeijian Wang and Hong-Ning Dai,
"Unified Network Modeling for Six Cross-Layer Scenarios in Space-Air-Ground
Integrated Networks", IEEE ICC 2025, pp. 5481-5486 (arXiv:2504.21284).

The near-space survey: Xinhua Liu, Zhen Gao, Ziwei Wan, Zhonghuai Wu, Tuan Li,
Tianqi Mao, Xiao Liang, Dezhi Zheng and Jun Zhang, "Toward Near-Space
Communication Network in the 6G and Beyond Era", arXiv:2505.12379, 2025.

The book's bibliography (``book/bib/study.bib``, ``book/bib/platforms.bib``)
holds the full entries; a test keeps these names and those entries in step.
"""

from __future__ import annotations

#: The coverage paper, as claims and the ledger name it.
COVERAGE_PAPER = "Coverage paper (Y. Liu, Fu, Wang and Dai 2025)"
#: The near-space survey, as claims and the ledger name it.
SURVEY = "Near-space survey (X. Liu et al. 2025)"
#: The study itself, for its own checks.
STUDY = "This study"
