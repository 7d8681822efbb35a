# SPDX-License-Identifier: MIT
# Every dependency comes from a Debian 12 package; nothing is downloaded.
find_package(fmt 9 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(yaml-cpp 0.7 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
if(AIDECIDE_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
endif()
