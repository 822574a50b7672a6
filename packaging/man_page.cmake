# Writes prep360.1.gz from the binary's own help: help2man on `prep360 --help`, with every
# subcommand's `--help` appended as its own section. Run at install time (cmake -P) with
# -DPREP360=<binary> -DHELP2MAN=<help2man> -DGZIP=<gzip> -DSOURCE_DIR=<source> -DOUT=<dir>.
set(include_file ${OUT}/prep360.h2m)
file(READ ${SOURCE_DIR}/packaging/prep360.h2m text)
string(APPEND text "\n[SUBCOMMANDS]\n")
foreach(sub extract split run mask rig info config merge slurm k8s)
  execute_process(COMMAND ${PREP360} ${sub} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "prep360 ${sub} --help failed")
  endif()
  string(REGEX REPLACE "Usage: [^ ]*prep360" "Usage: prep360" help "${help}")
  # roff: backslashes escaped, lines starting with '.' or '\'' kept literal.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND text ".SS \"prep360 ${sub}\"\n.nf\n${help}.fi\n")
endforeach()
file(WRITE ${include_file} "${text}")
execute_process(COMMAND ${HELP2MAN} --no-info --section=1 --locale=C.UTF-8
                        "--name=360 video and panoramas to pinhole datasets for photogrammetry"
                        --include=${include_file} --output=${OUT}/prep360.1 ${PREP360}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed on prep360 --help")
endif()
execute_process(COMMAND ${GZIP} -9nf ${OUT}/prep360.1 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed on ${OUT}/prep360.1")
endif()
