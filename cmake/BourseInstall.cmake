# cmake --install: the four libraries, every public header under include/bourse (the actors' under
# include/bourse/actors), the command-line tools, and a relocatable bourseConfig.cmake with
# bourseConfigVersion.cmake and bourseTargets.cmake in lib/cmake/bourse.
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
install(EXPORT bourseTargets NAMESPACE bourse:: DESTINATION ${bourse_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/bourseConfig.cmake.in
  ${PROJECT_BINARY_DIR}/bourseConfig.cmake INSTALL_DESTINATION ${bourse_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/bourseConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/bourseConfig.cmake ${PROJECT_BINARY_DIR}/bourseConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindCAF.cmake DESTINATION ${bourse_cmake_dir})
