"""Writes number spellings and the doubles pandas' csv reader makes of them (read_csv's defaults), for
PandasDoublesTest. pandas' default parser is not correctly rounded; Timpani must read the same bits as DRUM.

Run: /usr/bin/python3 src/test/python/make_pandas_doubles.py src/test/resources/pandas-doubles/pandas-<version>.csv
"""
import io
import random
import struct
import sys

import numpy as np
import pandas as pd

rng = random.Random(20261206)
texts = []
for _ in range(6000):  # random doubles, written as Python and as C write them
    bits = rng.getrandbits(64)
    value = struct.unpack("<d", struct.pack("<Q", bits))[0]
    if value != value or value in (float("inf"), float("-inf")):
        continue
    texts += [repr(value), "%.17g" % value, "%.6e" % value, "%.15g" % value]
for _ in range(6000):  # csv-like decimals: up to 25 significant digits, varied exponents
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 25)))
    point = rng.randint(0, len(digits))
    text = (rng.choice(["", "-", "+"]) + digits[:point] + "." + digits[point:]).rstrip(".") or "0"
    if rng.random() < 0.3:
        text += rng.choice(["e", "E"]) + rng.choice(["", "-", "+"]) + str(rng.randint(0, 330))
    texts.append(text)
for _ in range(3000):  # small scaled floats, the kind standardised data sets hold
    texts.append(repr(rng.gauss(0, 0.05)))
    texts.append(repr(np.float32(rng.gauss(0, 1e3)).item()))
texts += ["0", "-0", "-0.0", "0.1", "1e23", "8.41e21", "9007199254740993", "2.2250738585072011e-308",
          "2.2250738585072012e-308", "4.9e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
          "1e-320", "1e-400", "+.5", "5.", "1E5", "0.30000000000000004", "123456789012345678901234567890",
          "0.0380759064334241", "-0.00188201652779104"]

# Each spelling read as a one-cell csv column, as pandas types and parses it: a float column's cells by its
# float parser, an integer column's exactly (int64, as a model then converts it), anything else stays text.
with open(sys.argv[1], "w") as out:
    out.write("# pandas %s read_csv defaults; text,kind,bits of the double (hex)\n" % pd.__version__)
    for text in texts:
        value = pd.read_csv(io.StringIO("x\n" + text + "\n"))["x"].iloc[0]
        if isinstance(value, (float, np.floating)):
            kind = "float"
        elif isinstance(value, (int, np.integer)):
            kind, value = "int", float(value)
        else:
            out.write("%s,text,\n" % text)
            continue
        out.write("%s,%s,%016x\n" % (text, kind, struct.unpack("<Q", struct.pack("<d", float(value)))[0]))
