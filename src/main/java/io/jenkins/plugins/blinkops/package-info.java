/**
 * The Blink Ops plugin. The engine ({@code core.*}) knows nothing of Jenkins; the packages beside it
 * translate Jenkins into the engine's plain types, from the bottom up: {@code callback}, {@code config},
 * {@code call}, then the entry points {@code freestyle} and {@code steps}. This package holds what spans
 * them all: the messages and the names under which moved classes were once stored.
 */
package io.jenkins.plugins.blinkops;
