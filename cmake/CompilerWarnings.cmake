# Every target of ours links kafkascope_warnings so one place sets the bar.
add_library(kafkascope_warnings INTERFACE)
target_compile_options(kafkascope_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
