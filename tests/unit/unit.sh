# SPDX-License-Identifier: GPL-2.0-or-later
# Unit tests of plugin pieces, built as host programs with ASan and UBSan.
for t in "$B"/tests/unit/test_*; do
    check "unit: $(basename "$t") (ASan+UBSan)" "$t"
done
