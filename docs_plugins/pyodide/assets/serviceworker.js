// The pages' side of the service worker (sw.js at the site root): registering it, and asking it to
// prepare the whole handbook for offline use.
//
//   registerServiceWorker(root)            -> Promise<ServiceWorkerRegistration | null>
//   prepareOffline(root, onProgress)       -> Promise<void>; onProgress({done, total}) as files arrive
//
// root: the URL of the site root (the service worker's scope). Without a service worker (an insecure
// origin, a browser without one) registration resolves null and prepareOffline rejects.

export const offlineSupported = () => "serviceWorker" in navigator && window.isSecureContext;

export async function registerServiceWorker(root) {
  if (!offlineSupported()) return null;
  try {
    // The service worker's script is the same in every build; the values it imports are not. Neither
    // comes from the HTTP cache when the browser looks for a new build.
    await navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname, updateViaCache: "none" });
    const registration = await navigator.serviceWorker.ready;
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
