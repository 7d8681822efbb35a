// SPDX-License-Identifier: MIT
#pragma once
// std::log and std::log10, remembered per thread: the flip walk and the
// confidence draws take the logarithms of the same overrun ratios and curve
// points again and again, and libm's logarithm was a twentieth of a
// decision. Exact: a remembered value is the one std::log or std::log10
// gave for the same bits.

namespace aidecide {

double remembered_log(double x);
double remembered_log10(double x);

}  // namespace aidecide
