# Include roots, one per library: a target's headers are included as
# "<folder>/...", and only targets that link it can see them. Each root is a
# directory under the build tree holding one link, <root>/<folder> -> the
# folder's sources, so a root exposes that folder and nothing else (src/ as a
# whole is never an include path). A wrong-direction include (math including
# backends/...) therefore fails to compile; tests/layering checks that it does.
#
# zkgpu_include_root(<target> <folder> <source dir> [INTERFACE|PUBLIC|PRIVATE])
function(zkgpu_include_root target folder dir)
  set(scope PUBLIC)
  if(ARGC GREATER 3)
    set(scope ${ARGV3})
  endif()
  set(root ${PROJECT_BINARY_DIR}/include-roots/${folder})
  if(NOT EXISTS ${root}/${folder})
    file(MAKE_DIRECTORY ${root})
    file(CREATE_LINK ${dir} ${root}/${folder} SYMBOLIC)
  endif()
  target_include_directories(${target} ${scope} ${root})
endfunction()
