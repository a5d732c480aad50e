# Embeds every sql/*.sql file into the binary at build time: the shared store's schema stays readable SQL in sql/
# (a ward's database administrator reads it there), and the program never depends on where it is started from.
function(embed_sql out_var sql_dir)
  file(GLOB sql_files CONFIGURE_DEPENDS ${sql_dir}/*.sql)
  set(out_cpp ${CMAKE_CURRENT_BINARY_DIR}/generated/embedded_sql.cpp)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DDIR=${sql_dir} -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/WriteSql.cmake
    DEPENDS ${sql_files} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/WriteSql.cmake
    COMMENT "Embedding the shared store's SQL")
  set(${out_var} ${out_cpp} PARENT_SCOPE)
endfunction()
