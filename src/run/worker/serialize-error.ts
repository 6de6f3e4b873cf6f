// Typed errors survive the thread boundary by name: structured clone keeps only plain Errors.
import { InputError, UsageError } from "../../util/errors.js";
import type { SerializedError } from "./messages.js";

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: "Error", message: String(error) };
}

export function deserializeError(e: SerializedError): Error {
  if (e.name === "InputError") return new InputError(e.message);
  if (e.name === "UsageError") return new UsageError(e.message);
  const error = new Error(e.message);
  // STARTUP_DOCTOR_DEBUG prints the stack: the worker's is the one that tells where.
  if (e.stack) error.stack = e.stack;
  return error;
}
