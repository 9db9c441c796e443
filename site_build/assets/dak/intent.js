// When a checker's runtime starts: as soon as the reader shows the intent to use it (the checker
// comes into view, a pointer or the focus enters it), so that it is ready by the time they type;
// but if the browser says to save data (navigator.connection: saveData, or an effective type of
// slow-2g or 2g), only at the first keystroke, as nothing should be downloaded that the reader may
// never use.
//
//   watchIntent(element, start)   calls start() once, at the first sign of intent (see above)
//   savingData()                  true when the browser asks to save data

export function savingData() {
  const connection = navigator.connection;
  return Boolean(connection && (connection.saveData || /(^|-)2g$/.test(connection.effectiveType || "")));
}

export function watchIntent(element, start) {
  let started = false;
  const stops = [];
  const go = () => {
    if (started) return;
    started = true;
    stops.forEach((stop) => stop());
    start();
  };
  const on = (type) => {
    element.addEventListener(type, go, { passive: true });
    stops.push(() => element.removeEventListener(type, go));
  };
  // A keystroke or any change of a field starts it in every case.
  on("keydown");
  on("input");
  on("change");
  if (savingData()) return;
  on("pointerenter");
  on("focusin");
  if ("IntersectionObserver" in window) {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) go();
    });
    observer.observe(element);
    stops.push(() => observer.disconnect());
  }
}
