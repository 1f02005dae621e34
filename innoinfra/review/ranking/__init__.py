"""The ranking of a call: every application's aggregated score beside its mean, median and spread.

- `build`: `build_ranking` computes a call's ranking in four queries (`Ranking`, one `RankingRow` per application);
  the arithmetic of scores lives in `review/aggregation.py`;
- `table`: the body of the ranking page's table, written in Python for speed.

Who may see which figures of a ranking is decided in `review/visibility.py`.
"""

from .build import Ranking, RankingRow, build_ranking, normalise_param

__all__ = ["Ranking", "RankingRow", "build_ranking", "normalise_param"]
