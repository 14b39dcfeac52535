# cmake --install: the four libraries, every public header under include/bourse (the actors' under
# include/bourse/actors), the command-line tools, and a relocatable bourseConfig.cmake with
# bourseConfigVersion.cmake and bourseTargets.cmake in lib/cmake/bourse, and the bundled data in
# share/bourse/data.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(bourse_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/bourse)
set_target_properties(bourse_framework PROPERTIES EXPORT_NAME framework)
set_target_properties(bourse_logging PROPERTIES EXPORT_NAME logging)
set_target_properties(bourse_system PROPERTIES EXPORT_NAME system)
set_target_properties(bourse_actors PROPERTIES EXPORT_NAME actors)
install(TARGETS bourse_framework bourse_logging bourse_system bourse_actors EXPORT bourseTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/framework/include/bourse
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/actors/
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/bourse/actors FILES_MATCHING PATTERN "*.hpp")
foreach(tool IN ITEMS bourse-backtest bourse-demo bourse-ta bourse-book bourse-gen)
  if(TARGET ${tool})
    install(TARGETS ${tool} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  endif()
endforeach()
# The bundled data, found by an installed bourse-demo next to itself (<prefix>/share/bourse/data).
install(FILES ${PROJECT_SOURCE_DIR}/data/sp500_daily.csv ${PROJECT_SOURCE_DIR}/data/sample_bars.csv
  ${PROJECT_SOURCE_DIR}/data/sample_ticks.csv ${PROJECT_SOURCE_DIR}/data/demo.toml
  ${PROJECT_SOURCE_DIR}/data/ticks.toml ${PROJECT_SOURCE_DIR}/data/README.md
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bourse/data)
install(EXPORT bourseTargets NAMESPACE bourse:: DESTINATION ${bourse_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/bourseConfig.cmake.in
  ${PROJECT_BINARY_DIR}/bourseConfig.cmake INSTALL_DESTINATION ${bourse_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/bourseConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/bourseConfig.cmake ${PROJECT_BINARY_DIR}/bourseConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindCAF.cmake DESTINATION ${bourse_cmake_dir})
