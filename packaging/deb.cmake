# The Debian 12 package (CPack DEB): `cmake --build build --target package` writes
# build/prep360_<version>_amd64.deb with
#   /usr/bin/prep360                          RUNPATH $ORIGIN/../lib/prep360
#   /usr/lib/prep360/libonnxruntime.so.1      ONNX Runtime (CPU), private to prep360
#   /usr/share/man/man1/prep360.1.gz          generated from --help by help2man (packaging/man_page.cmake)
#   /usr/share/bash-completion/completions/prep360
#   /usr/share/doc/prep360/                   README.md and docs/*.md
#   /usr/share/prep360/web/three/             the web UI's 360 viewer (three.js from npm, scripts/bootstrap)
# Dependencies on Debian's libraries come from dpkg-shlibdeps. Tested by tests/deb/run_deb_test.
include(GNUInstallDirs)

set_target_properties(prep360_cli PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}/prep360")
install(TARGETS prep360_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
get_filename_component(PREP360_ORT_REAL ${ONNXRUNTIME_LIBRARY} REALPATH)
install(FILES ${PREP360_ORT_REAL} DESTINATION ${CMAKE_INSTALL_LIBDIR}/prep360 RENAME libonnxruntime.so.1)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/packaging/prep360.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME prep360)
file(GLOB PREP360_DOCS ${CMAKE_CURRENT_SOURCE_DIR}/docs/*.md)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/README.md ${PREP360_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The one three.js file the web UI loads (src/prep360/serve/ui/viewer360.js), with its licence.
set(PREP360_THREE ${CMAKE_CURRENT_SOURCE_DIR}/.deps/web/three)
if(EXISTS ${PREP360_THREE}/build/three.module.min.js)
  install(FILES ${PREP360_THREE}/build/three.module.min.js
          DESTINATION ${CMAKE_INSTALL_DATADIR}/prep360/web/three/build)
  install(FILES ${PREP360_THREE}/LICENSE ${PREP360_THREE}/package.json
          DESTINATION ${CMAKE_INSTALL_DATADIR}/prep360/web/three)
endif()

find_program(PREP360_HELP2MAN help2man)
find_program(PREP360_GZIP gzip)
if(PREP360_HELP2MAN AND PREP360_GZIP)
  # Generated when installing (cpack installs first), from the binary just built.
  set(PREP360_MAN ${CMAKE_CURRENT_BINARY_DIR}/prep360.1)
  install(CODE "
    execute_process(COMMAND ${CMAKE_COMMAND} -DPREP360=$<TARGET_FILE:prep360_cli> -DHELP2MAN=${PREP360_HELP2MAN}
                            -DGZIP=${PREP360_GZIP} -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}
                            -DOUT=${CMAKE_CURRENT_BINARY_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/packaging/man_page.cmake
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR \"the man page could not be generated\")
    endif()")
  install(FILES ${PREP360_MAN}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: the package has no man page (scripts/bootstrap installs help2man)")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME prep360)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "prep360 maintainers <prep360@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "360 video and panoramas to pinhole datasets for photogrammetry")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "prep360 turns equirectangular 360 video and panoramas into pinhole image datasets\nwith rigs, EXIF intrinsics and object masks for COLMAP, RealityScan, Metashape\nand Gaussian splatting. Bundles a private copy of ONNX Runtime (CPU).")
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${ONNXRUNTIME_LIBRARY_DIR})
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "ffmpeg, slurm-client")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_INSTALL_DIRECTORY /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
