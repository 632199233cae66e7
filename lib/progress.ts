// A progress line for long runs: drawn on stderr only when it is a terminal (ctx.progress is
// undefined otherwise), at most every 100 ms so thousands of steps cost nothing, and erased when
// the run ends so the report starts on a clean line.
import type { Context } from './context.js'

export interface Progress {
  /** redraw with this text (skipped when the last draw was under 100 ms ago, unless `force`) */
  step(text: string, force?: boolean): void
  /** erase the line */
  done(): void
}

export function progressLine(ctx: Pick<Context, 'progress'>, intervalMs = 100): Progress {
  const draw = ctx.progress
  let last = 0
  let drawn = false
  return {
    step(text, force = false) {
      if (!draw) return
      const now = Date.now()
      if (!force && now - last < intervalMs) return
      last = now
      drawn = true
      draw(text)
    },
    done() {
      if (draw && drawn) draw('')
    },
  }
}
