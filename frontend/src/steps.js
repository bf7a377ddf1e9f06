// One undo step: a transaction marked ONE_STEP closes the history group
// before and after it, so an applied suggestion or fix undoes on its own.
export const ONE_STEP = "bylineOneStep";

export function oneStep(cmd) {
  return (state, dispatch, view) => cmd(state, dispatch && ((tr) => dispatch(tr.setMeta(ONE_STEP, true))), view);
}
