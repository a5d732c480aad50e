# Embeds text files into the binary at build time, so the program never depends on where it is started from and the
# files stay ordinary files in the tree: the GLSL of shaders/ and the shared store's SQL of sql/ (which a ward's
# database administrator reads there).
#   embed_files(OUT_VAR NAME DIR "*.vert|*.frag" HEADER NAMESPACE TYPE ARRAY COUNT)
function(embed_files out_var name dir patterns header namespace type array count)
  string(REPLACE "|" ";" globs "${patterns}")
  list(TRANSFORM globs PREPEND ${dir}/)
  file(GLOB embedded CONFIGURE_DEPENDS ${globs})
  set(out_cpp ${CMAKE_CURRENT_BINARY_DIR}/generated/embedded_${name}.cpp)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DDIR=${dir} "-DPATTERNS=${patterns}" -DHEADER=${header}
            -DNAMESPACE=${namespace} -DTYPE=${type} -DARRAY=${array} -DCOUNT=${count}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/WriteEmbedded.cmake
    DEPENDS ${embedded} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/WriteEmbedded.cmake
    COMMENT "Embedding ${dir}"
    VERBATIM)
  set(${out_var} ${out_cpp} PARENT_SCOPE)
endfunction()
