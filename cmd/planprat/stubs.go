package main

import (
	"context"
	"fmt"
	"io"
)

// runDemo, runChat and runServe arrive with the conversation engine.
func runDemo(ctx context.Context, cfg config, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprint(stdout, usage)
	return 0
}

func runChat(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "planprat chat: not available yet")
	return 2
}

func runServe(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "planprat serve: not available yet")
	return 2
}
