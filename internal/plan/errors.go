package plan

import (
	"errors"
	"fmt"
)

// Code classifies an error for the person who sees it.
type Code string

// Error codes.
const (
	Invalid      Code = "invalid"
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Unauthorized Code = "unauthorized"
	Unavailable  Code = "unavailable"
	Internal     Code = "internal"
)

// Error is an error with a code and a message that is safe to show a user.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf makes an Error.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, Internal for errors without one.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var c *ConflictError
	if errors.As(err, &c) {
		return Conflict
	}
	return Internal
}

// ConflictError refuses a write based on an old version and says what
// changed in between.
type ConflictError struct {
	Kind ChangeKind
	ID   string
	// Base is the version the writer read; Current the stored one.
	Base, Current int
	// Between are the changes made after Base, oldest first.
	Between []Change
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("conflict: %s %q changed from version %d to %d since it was read", e.Kind, e.ID, e.Base, e.Current)
}
