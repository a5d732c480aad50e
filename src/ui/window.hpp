#pragma once
// The GLFW window with an OpenGL 3.3 core context, and Dear ImGui on it.
#include <string>

struct GLFWwindow;

namespace safetymap::ui {

// Null (with the reason on stderr) when there is no display or no OpenGL 3.3 core.
GLFWwindow* openWindow(int width, int height, const char* title);
// ImGui's context, style and GLFW/OpenGL back ends; its layout file beside the settings.
void startImGui(GLFWwindow* window, const std::string& iniPath);
void closeWindow(GLFWwindow* window);

}  // namespace safetymap::ui
