// api.js — calls to the galacta server that served this page (the only
// place this page talks to). Each call sends the whole case: the server
// keeps nothing between calls.

export class ApiError extends Error {
  constructor(status, error) {
    super(error && error.message ? error.message : "HTTP " + status);
    this.status = status;
    this.code = error && error.code;
    this.path = error && error.path;
  }
}

async function post(path, body, lang) {
  let resp;
  try {
    resp = await fetch(path + "?lang=" + encodeURIComponent(lang), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
      credentials: "omit"
    });
  } catch (e) {
    throw new ApiError(0, null);
  }
  if (!resp.ok) {
    let err = null;
    try {
      err = (await resp.json()).error;
    } catch (e) {
      err = null;
    }
    throw new ApiError(resp.status, err);
  }
  return resp;
}

export async function interviewNext(caseObj, lang) {
  return (await post("/v1/interview/next", caseObj, lang)).json();
}

export async function assess(caseObj, lang) {
  return (await post("/v1/assess", caseObj, lang)).json();
}

export async function growth(caseObj, lang) {
  return (await post("/v1/growth", caseObj, lang)).json();
}

// The chart as an object URL for an <img> (revoke it when replaced).
export async function chartUrl(caseObj, lang) {
  const blob = await (await post("/v1/growth/chart.svg", caseObj, lang)).blob();
  return URL.createObjectURL(blob);
}
