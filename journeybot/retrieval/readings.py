"""How the store gets segments read at write time without knowing how reading is done.

Readings (polarity, kind of statement, likely stage) are made by synthesis code; the
service layer hands the store a ``Reader``. The store calls it on segments it is about to
write, with their vectors, and again on a whole study whose readings are of an older
version (``refresh_readings``), updating metadata only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from journeybot.core.models import Segment

#: Collection metadata key: the readings version every segment of the study carries.
READINGS_KEY = "readings"


class Reader(Protocol):
    @property
    def version(self) -> str: ...

    def __call__(
        self, study: str, segments: Sequence[Segment], vectors: npt.NDArray[np.float32]
    ) -> list[Segment]: ...
