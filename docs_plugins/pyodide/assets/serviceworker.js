// The pages' side of the service worker (sw.js at the site root): registering it, and asking it to
// prepare the whole handbook for offline use.
//
//   registerServiceWorker(root)            -> Promise<ServiceWorkerRegistration | null>
//   prepareOffline(root, onProgress)       -> Promise<void>; onProgress({done, total}) as files arrive
//
// root: the URL of the site root (the service worker's scope). Without a service worker (an insecure
// origin, a browser without one) registration resolves null and prepareOffline rejects.
//
// Registration resolves once the newest build's service worker is in charge: after a deploy, the page
// (already of the new build) is still controlled by the old build's worker while the new one installs
// beside it. The browser lets the new one take over only when the old one has fallen idle, so until
// then the page asks nothing of it (no files to cache, no memory snapshot, whose making loads the
// runtime through it), and it asks the new one to take over once it has installed, after the page's
// own requests (which may have woken the old one again).

export const offlineSupported = () => "serviceWorker" in navigator && window.isSecureContext;

// The registration once no newer service worker is installing or waiting (one that fails to install
// becomes redundant and is not waited for).
async function newestInCharge(registration) {
  for (let pending = registration.installing || registration.waiting; pending; pending = registration.installing || registration.waiting) {
    const worker = pending;
    await new Promise((resolve) => {
      const check = () => {
        if (worker.state === "installed") worker.postMessage({ takeOver: true });
        if (worker.state === "activated" || worker.state === "redundant") {
          worker.removeEventListener("statechange", check);
          resolve();
        }
      };
      worker.addEventListener("statechange", check);
      check();
    });
  }
  return registration;
}

export async function registerServiceWorker(root) {
  if (!offlineSupported()) return null;
  try {
    // The service worker's script is the same in every build; the values it imports are not. Neither
    // comes from the HTTP cache when the browser looks for a new build.
    let registration = await navigator.serviceWorker.register(new URL("sw.js", root), {
      scope: root.pathname,
      updateViaCache: "none",
    });
    // Whether a newer build is there, now (the browser also looks after each navigation, but later).
    await registration.update().catch(() => {});
    registration = await newestInCharge(registration);
    if (!registration.active) return null;
    // The page was loaded before the service worker controlled it: it is told the page's URL and
    // resources so that they are cached too.
    const urls = [location.href.split("#")[0]];
    for (const entry of performance.getEntriesByType("resource")) {
      if (entry.name.startsWith(root.href)) urls.push(entry.name);
    }
    registration.active?.postMessage({ cache: urls });
    return registration;
  } catch (error) {
    console.warn("dak: no offline cache:", error);
    return null;
  }
}

export async function prepareOffline(root, onProgress) {
  if (!offlineSupported()) throw new Error("this browser keeps no offline copy here");
  return new Promise((resolve, reject) => {
    const listen = ({ data }) => {
      const offline = data && data.offline;
      if (!offline) return;
      if (offline.error) {
        navigator.serviceWorker.removeEventListener("message", listen);
        reject(new Error(offline.error));
      } else if (offline.finished) {
        navigator.serviceWorker.removeEventListener("message", listen);
        resolve();
      } else {
        onProgress?.(offline);
      }
    };
    navigator.serviceWorker.addEventListener("message", listen);
    navigator.serviceWorker.startMessages?.();
    registerServiceWorker(root).then((registration) => {
      if (!registration || !registration.active) {
        navigator.serviceWorker.removeEventListener("message", listen);
        reject(new Error("the service worker could not start"));
      } else {
        registration.active.postMessage({ prepareOffline: true });
      }
    }, reject);
  });
}
