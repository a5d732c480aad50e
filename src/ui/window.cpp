#include "ui/window.hpp"

#include <epoxy/gl.h>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace safetymap::ui {

GLFWwindow* openWindow(int w, int h, const char* title) {
  glfwSetErrorCallback(
      [](int code, const char* msg) { std::fprintf(stderr, "safetymap: GLFW error %d: %s\n", code, msg); });
  if (!glfwInit()) {
    std::fprintf(stderr, "safetymap: cannot open a window: no display (set DISPLAY, or run under xvfb-run)\n");
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
  // 4× multisampling smooths polygon edges on a GPU. A software renderer (Mesa llvmpipe, an office PC without
  // a GPU) pays for it with over half its frame rate (BENCHMARKS.md), and the shaders smooth points and lines
  // themselves, so there the window is made again without it. SAFETYMAP_MSAA=0/2/4/8 decides instead.
  const char* msaaEnv = std::getenv("SAFETYMAP_MSAA");
  GLFWwindow* window = nullptr;
  auto create = [&](int samples) {
    glfwWindowHint(GLFW_SAMPLES, samples);
    window = glfwCreateWindow(w, h, title, nullptr, nullptr);
    if (window) glfwMakeContextCurrent(window);
    return window != nullptr;
  };
  bool created = create(msaaEnv ? std::atoi(msaaEnv) : 4);
  if (created && !msaaEnv) {
    const char* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    if (r && (std::strstr(r, "llvmpipe") || std::strstr(r, "softpipe"))) {
      glfwDestroyWindow(window);
      created = create(0);
    }
  }
  if (!created) {
    std::fprintf(stderr, "safetymap: cannot create an OpenGL 3.3 core window\n");
    glfwTerminate();
    return nullptr;
  }
  glfwSwapInterval(1);
  return window;
}

void startImGui(GLFWwindow* window, const std::string& iniPath) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  static std::string ini;
  ini = iniPath;
  ImGui::GetIO().IniFilename = ini.c_str();
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  ImGui_ImplGlfw_InitForOpenGL(window, true);  // chains to the callbacks the shell installed
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

void closeWindow(GLFWwindow* window) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
}

void collectInput(GLFWwindow* window, WindowInput* input) {
  static auto of = [](GLFWwindow* w) -> WindowInput& { return *static_cast<WindowInput*>(glfwGetWindowUserPointer(w)); };
  glfwSetWindowUserPointer(window, input);
  glfwSetDropCallback(window, [](GLFWwindow* w, int n, const char** paths) {
    for (int i = 0; i < n; ++i) of(w).dropped.emplace_back(paths[i]);
  });
  glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int, int action, int mods) {
    if (action == GLFW_PRESS || action == GLFW_REPEAT) of(w).keys.push_back({key, mods});
  });
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int button, int action, int) {
    if (button != GLFW_MOUSE_BUTTON_LEFT) return;
    double x = 0, y = 0;
    glfwGetCursorPos(w, &x, &y);
    (action == GLFW_PRESS ? of(w).leftPress : of(w).leftRelease) = Vec2{x, y};
  });
  glfwSetWindowCloseCallback(window, [](GLFWwindow* w) {
    glfwSetWindowShouldClose(w, GLFW_FALSE);
    of(w).closeAsked = true;
  });
}

void wakeWindow() { glfwPostEmptyEvent(); }

}  // namespace safetymap::ui
