// Whether to write colour to a stream. Node's own rule (tty.WriteStream#hasColors): FORCE_COLOR
// wins over NO_COLOR; an empty variable counts as unset (https://no-color.org); --no-color wins
// over both. Colour never decides whether progress shows.
export function colorWanted(flag: boolean, stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!flag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true && env.TERM !== "dumb";
}
