# Embeds every shaders/*.vert|*.frag file into the binary at build time, so the viewer never
# depends on where it is started from. The GLSL stays in shaders/ as ordinary files.
function(embed_shaders out_var shader_dir)
  file(GLOB shader_files CONFIGURE_DEPENDS ${shader_dir}/*.vert ${shader_dir}/*.frag)
  set(gen_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
  set(out_cpp ${gen_dir}/embedded_shaders.cpp)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DDIR=${shader_dir} -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/WriteShaders.cmake
    DEPENDS ${shader_files} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/WriteShaders.cmake
    COMMENT "Embedding GLSL shaders")
  set(${out_var} ${out_cpp} PARENT_SCOPE)
endfunction()
