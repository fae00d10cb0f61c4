# Runs `ganscope_bench --quick` and checks that its output parses: one machine line with a positive SGEMM rate and one
# workload line per workload with positive numbers in every field scripts/bench.sh reads, trained on the CPU (huge is
# left out by --quick). Then `--quick --workload ganlab --trainer gpu`: either it trained on the GPU trainer (Mesa's
# llvmpipe counts) and says trainer=gpu, or it fell back, exits with 3 and says why. No timing is asserted.
# Usage: cmake -DBENCH=path/to/ganscope_bench -P check_bench_output.cmake
execute_process(COMMAND ${BENCH} --quick OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ganscope_bench --quick exited with ${rc}:\n${out}\n${err}")
endif()
set(number "[0-9]+\\.?[0-9]*")
if(NOT out MATCHES "machine arch=\"[^\"]+\" isa=[A-Z0-9,]+ threads=1 sgemm_gflop_per_s=${number}")
  message(FATAL_ERROR "no machine line in:\n${out}")
endif()
foreach(name ganlab tiny small wide)
  string(REGEX MATCH "workload name=${name} hidden=[0-9]+ layers=[0-9]+ batch=[0-9]+ it_per_s=(${number}) flop_per_it=(${number}) gflop_per_s=(${number}) sgemm_share=(${number}) wall_it_per_s=${number} cpu_it_per_s=${number} trainer=cpu"
         line "${out}")
  if(NOT line)
    message(FATAL_ERROR "no parsable line for workload ${name} in:\n${out}")
  endif()
  if(CMAKE_MATCH_1 LESS_EQUAL 0 OR CMAKE_MATCH_2 LESS_EQUAL 0 OR CMAKE_MATCH_3 LESS_EQUAL 0)
    message(FATAL_ERROR "workload ${name}: iterations per second and FLOPs must be positive: ${line}")
  endif()
endforeach()
if(out MATCHES "workload name=huge")
  message(FATAL_ERROR "--quick ran huge without being asked to:\n${out}")
endif()

execute_process(COMMAND ${BENCH} --quick --no-peak --workload ganlab --trainer gpu OUTPUT_VARIABLE out
                ERROR_VARIABLE err RESULT_VARIABLE rc)
if(rc EQUAL 0)
  if(NOT out MATCHES "trainer name=ganlab note=\"training on the GPU: [^\"]+\"\nworkload name=ganlab .* trainer=gpu\n")
    message(FATAL_ERROR "--trainer gpu exited with 0 but did not say it trained on the GPU:\n${out}\n${err}")
  endif()
elseif(rc EQUAL 3)
  if(NOT err MATCHES "ganlab: --trainer gpu asked, but the GPU trainer did not run \\(its note: training on the CPU: .+\\)")
    message(FATAL_ERROR "--trainer gpu fell back without saying why:\n${out}\n${err}")
  endif()
else()
  message(FATAL_ERROR "ganscope_bench --quick --trainer gpu exited with ${rc}:\n${out}\n${err}")
endif()
message(STATUS "ganscope_bench --quick: output parses (--trainer gpu: exit ${rc})")
