#version 330 core
in vec2 vUv;
uniform sampler2D uImage;
uniform float uOpacity;
out vec4 fragColor;
void main() {
  vec4 c = texture(uImage, vUv);
  fragColor = vec4(c.rgb, c.a * uOpacity);
}
