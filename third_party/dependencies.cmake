# Finds the system libraries (Debian 12 packages) the project builds against.
# Nothing here is vendored code: only the glue CMake needs to find each package.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(GDAL CONFIG REQUIRED)
find_package(PROJ CONFIG REQUIRED)
find_package(GEOS CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)  # the GeoPackage R-tree, packed on the connection GDAL has open
find_package(glfw3 3.3 CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(Boost 1.74 CONFIG REQUIRED COMPONENTS graph)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(EPOXY REQUIRED IMPORTED_TARGET epoxy)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf)
add_library(epoxy::epoxy ALIAS PkgConfig::EPOXY)
