// SPDX-License-Identifier: MIT
#pragma once
// Numbers and money for people, the same in every report.

#include <string>

namespace aidecide {

// 1200000 -> "1,200,000"; 0.5 -> "0.5"; at most 2 decimals.
std::string format_number(double x);
// Money: 1234.5 -> "$1,235"; 0.25 -> "$0.25".
std::string format_usd(double x);
// Compact form for tables: 1200000 -> "1.2M", 250000 -> "250k".
std::string format_compact(double x);
// Short and uniform for chart axes and overview tables, thousands as k from
// 1,000 on: 950 -> "950", 1000 -> "1k", 12500 -> "12.5k", 2e6 -> "2M".
std::string format_short(double x);
// The same as money: "$950", "$1k", "$1.2M"; under $10 with cents.
std::string format_usd_short(double x);
// Exactly `decimals` places, correctly rounded ("{:.2f}").
std::string format_fixed(double x, int decimals);

}  // namespace aidecide
