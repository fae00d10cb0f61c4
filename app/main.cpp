// ganscope: an interactive visualizer of GAN training on 1D and 2D toy distributions.
#include <iostream>

#include "app/cli/run_program.h"

int main(int argc, char** argv) { return ganscope::runProgram(argc, argv, std::cout, std::cerr); }
