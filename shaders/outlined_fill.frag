#version 330 core
in vec4 vColor;
in vec4 vEdges;
uniform float uWidth;  // pixels
uniform vec4 uStroke;  // the outline's colour, its opacity included
out vec4 fragColor;    // premultiplied by its alpha
void main() {
  float d = min(min(vEdges.x, vEdges.y), min(vEdges.z, vEdges.w));  // from the nearest edge; < 0 outside
  // The outline across the edge over the fill inside it, each with an antialiased edge one pixel wide.
  float stroke = uStroke.a * clamp(uWidth * 0.5 + 0.5 - abs(d), 0.0, 1.0);
  float fill = vColor.a * clamp(d + 0.5, 0.0, 1.0) * (1.0 - stroke);
  fragColor = vec4(uStroke.rgb * stroke + vColor.rgb * fill, stroke + fill);
}
