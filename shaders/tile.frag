#version 330 core
// A tile of the map's layers as painted into it: their opacities and the district filter are in it already, so
// no uniform and no branch here (image.frag's cost a software renderer 3 ms a frame over a 1600 x 1000 map).
in vec2 vUv;
uniform sampler2D uImage;
out vec4 fragColor;
void main() { fragColor = texture(uImage, vUv); }
