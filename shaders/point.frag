#version 330 core
// Shapes as signed distances in pixels (negative inside), filled with an outline.
in vec4 vColor;
in vec2 vLocal;
uniform int uShape;  // 0 circle, 1 square, 2 triangle, 3 diamond, 4 star
uniform float uSize;
uniform vec4 uStroke;
uniform float uOutline;  // outline width in pixels
uniform float uOpacity;
out vec4 fragColor;

float sdTriangle(vec2 p, float r) {
  // Equilateral triangle pointing up (vLocal has y up, like the map).
  const float k = sqrt(3.0);
  p.x = abs(p.x) - r;
  p.y = p.y + r / k;
  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
  p.x -= clamp(p.x, -2.0 * r, 0.0);
  return -length(p) * sign(p.y);
}

float sdStar(vec2 p, float r, float inner) {
  // Five-pointed star, one tip up: fold into one sector and measure to its edge.
  const float an = 3.141593 / 5.0;
  float a = atan(p.x, p.y);
  float sector = mod(a + an, 2.0 * an) - an;
  vec2 q = length(p) * vec2(abs(sin(sector)), cos(sector));
  vec2 tip = vec2(0.0, r);
  vec2 valley = inner * r * vec2(sin(an), cos(an));
  vec2 e = valley - tip;
  vec2 w = q - tip;
  float h = clamp(dot(w, e) / dot(e, e), 0.0, 1.0);
  float d = length(w - e * h);
  float s = e.x * w.y - e.y * w.x;
  return s > 0.0 ? -d : d;
}

void main() {
  float r = uSize * 0.5;
  vec2 p = vLocal;
  float d;
  if (uShape == 1) d = max(abs(p.x), abs(p.y)) - r * 0.85;
  else if (uShape == 2) d = sdTriangle(p, r);
  else if (uShape == 3) d = (abs(p.x) + abs(p.y)) - r;
  else if (uShape == 4) d = sdStar(p, r, 0.45);
  else d = length(p) - r;
  float outline = uOutline;
  float inside = clamp(0.5 - d, 0.0, 1.0);                 // coverage of the whole symbol
  float fillPart = clamp(0.5 - (d + outline), 0.0, 1.0);  // coverage of the fill inside the outline
  vec4 c = mix(vec4(uStroke.rgb, uStroke.a * uOpacity), vColor, fillPart);
  if (inside <= 0.0) discard;
  fragColor = vec4(c.rgb, c.a * inside);
}
