"""Schemathesis hooks for scripts/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

The OpenAPI document names two string formats that a JSON Schema pattern cannot express,
because their last character is a checksum over the others:

* ``gb11643``: a resident ID number (GB 11643-1999): 6-digit region, birth date YYYYMMDD
  between 1900-01-01 and today, 3-digit sequence, ISO 7064 MOD 11-2 check character;
* ``gb32100``: a unified social credit code (GB 32100-2015): 17 characters of
  0-9 A-H J-N P-R T U W-Y and a MOD 31 check character.

Registering them lets the fuzzer generate values the server must accept; values that break
the document's pattern (length, characters) still exercise the refusals.
"""

from datetime import date, timedelta

import schemathesis
from hypothesis import strategies as st

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def resident_id(region: str, birth: date, sequence: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def uscc(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return first17 + USCC_ALPHABET[(31 - total % 31) % 31]


# Two days back from today: the server checks birth dates against today in China (UTC+8).
resident_ids = st.builds(
    resident_id,
    st.from_regex(r"\A[1-6][0-9]{5}\Z"),
    st.dates(min_value=date(1900, 1, 1), max_value=date.today() - timedelta(days=2)),
    st.integers(min_value=0, max_value=999),
)
usccs = st.builds(uscc, st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))

schemathesis.openapi.format("gb11643", resident_ids)
schemathesis.openapi.format("gb32100", usccs)
