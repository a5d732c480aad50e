#pragma once
// The GLFW window with an OpenGL 3.3 core context, and Dear ImGui on it.
#include <optional>
#include <string>
#include <vector>

#include "ui/ui_state.hpp"

struct GLFWwindow;

namespace safetymap::ui {

// Null (with the reason on stderr) when there is no display or no OpenGL 3.3 core.
GLFWwindow* openWindow(int width, int height, const char* title);
// ImGui's context, style and GLFW/OpenGL back ends; its layout file beside the settings.
void startImGui(GLFWwindow* window, const std::string& iniPath);
void closeWindow(GLFWwindow* window);
// Wakes the frame loop from another thread (news arrived while it sleeps waiting for input).
void wakeWindow();

// Input as it happened between frames. ImGui 1.86 only sees which keys are down at NewFrame and reads the cursor
// once per frame, so a quick press and release (xdotool, fast typing), or a move, press and release within one
// slow frame, would otherwise be lost or land elsewhere. The window's close box only asks.
struct WindowInput {
  std::vector<UiState::KeyPress> keys;
  std::optional<Vec2> leftPress, leftRelease;
  std::vector<std::string> dropped;
  bool closeAsked = false;
};
// Installs the callbacks (through the window's user pointer), before ImGui's back end chains to them.
void collectInput(GLFWwindow* window, WindowInput* input);

}  // namespace safetymap::ui
