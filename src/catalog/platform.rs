//! The model-id forms of the platforms that serve catalog models: an Amazon
//! Bedrock model id, cross-Region inference profile or ARN, a Vertex AI
//! versioned id, Model-as-a-Service id or resource name, a Fireworks AI
//! model path, a hosted open-model API's own build of a model.
//!
//! Recognising a form never resolves an id: only the ids the catalog lists
//! as aliases do (each confirmed on the platform's own pages). The forms
//! serve two purposes: a "did you mean" hint naming the catalog model an
//! unknown id wraps, and the check that a platform id agrees with the
//! deployment that names it.

/// A platform whose model ids have a form of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Amazon Bedrock (`aws` / `aws_bedrock`).
    Bedrock,
    /// Google Vertex AI (`gcp` / `vertex_ai`).
    VertexAi,
    /// Fireworks AI (`fireworks` / `fireworks_api`).
    Fireworks,
    /// A hosted open-model API's own build (Together's `-Turbo`), whose
    /// platform the id does not name.
    HostedBuild,
}

impl Platform {
    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Bedrock => "Amazon Bedrock",
            Platform::VertexAi => "Vertex AI",
            Platform::Fireworks => "Fireworks AI",
            Platform::HostedBuild => "a hosted open-model API",
        }
    }

    /// `deployment.provider` and `deployment.service` of the platform, when
    /// the id names it unambiguously (a Bedrock or Vertex AI form: no other
    /// service writes them). Fireworks paths are written to other gateways
    /// too, and a `-Turbo` build names no platform.
    pub fn deployment(self) -> Option<(&'static str, &'static str)> {
        match self {
            Platform::Bedrock => Some(("aws", "aws_bedrock")),
            Platform::VertexAi => Some(("gcp", "vertex_ai")),
            Platform::Fireworks | Platform::HostedBuild => None,
        }
    }
}

/// A platform form recognised in an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformForm {
    /// The platform.
    pub platform: Platform,
    /// What the form is, in words ("an Amazon Bedrock cross-Region inference
    /// profile").
    pub form: &'static str,
    /// The names the form wraps, most specific first, to look up in the
    /// catalog exactly (`claude-sonnet-4-20250514` in
    /// `us.anthropic.claude-sonnet-4-20250514-v1:0`).
    pub inner: Vec<String>,
}

/// Publishers whose models Bedrock serves under `<publisher>.<model>` ids.
const BEDROCK_PUBLISHERS: &[&str] = &[
    "ai21",
    "amazon",
    "anthropic",
    "cohere",
    "deepseek",
    "google",
    "luma",
    "meta",
    "minimax",
    "mistral",
    "moonshot",
    "nvidia",
    "openai",
    "qwen",
    "stability",
    "twelvelabs",
    "writer",
];

/// Geography prefixes of Bedrock's system-defined inference profiles.
const BEDROCK_GEOGRAPHIES: &[&str] = &["us", "eu", "apac", "us-gov", "global", "jp", "au", "ca"];

/// The platform form `id` has, if any.
pub fn recognise(id: &str) -> Option<PlatformForm> {
    let id = id.trim().to_ascii_lowercase();
    if let Some(rest) = id.strip_prefix("arn:aws:bedrock:").or_else(|| id.strip_prefix("arn:aws-us-gov:bedrock:")) {
        let resource = rest.split_once('/').map(|(_, r)| r)?;
        let mut inner = vec![resource.to_string()];
        if let Some(form) = bedrock(resource) {
            inner.extend(form.inner);
        }
        return Some(PlatformForm { platform: Platform::Bedrock, form: "an Amazon Bedrock ARN", inner });
    }
    if let Some(form) = bedrock(&id) {
        return Some(form);
    }
    if let Some(form) = vertex(&id) {
        return Some(form);
    }
    if let Some(name) = id.strip_prefix("accounts/fireworks/models/") {
        // Fireworks writes a version's dot as `p` (`llama-v3p1-70b-instruct`).
        let dotted = fireworks_dots(name);
        return Some(PlatformForm {
            platform: Platform::Fireworks,
            form: "a Fireworks AI model id",
            inner: vec![name.to_string(), dotted],
        });
    }
    for suffix in ["-turbo", "-lite"] {
        if let Some(upstream) = id.strip_suffix(suffix) {
            if upstream.contains('/') {
                return Some(PlatformForm {
                    platform: Platform::HostedBuild,
                    form: "a hosted open-model API's own build (a `-Turbo` or `-Lite` build is quantized)",
                    inner: vec![upstream.to_string()],
                });
            }
        }
    }
    None
}

/// A Bedrock model id (`anthropic.claude-3-haiku-20240307-v1:0`) or
/// system-defined inference profile (`us.` + a model id).
fn bedrock(id: &str) -> Option<PlatformForm> {
    let (first, rest) = id.split_once('.')?;
    if BEDROCK_GEOGRAPHIES.contains(&first) {
        let model = bedrock(rest).filter(|f| f.form == BEDROCK_MODEL)?;
        let mut inner = vec![rest.to_string()];
        inner.extend(model.inner);
        return Some(PlatformForm {
            platform: Platform::Bedrock,
            form: "an Amazon Bedrock cross-Region inference profile",
            inner,
        });
    }
    if !BEDROCK_PUBLISHERS.contains(&first) || !rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    // `claude-3-5-sonnet-20241022-v2:0` -> `claude-3-5-sonnet-20241022`.
    let name = rest.split(':').next().unwrap_or(rest);
    let name = match name.rsplit_once("-v") {
        // A Bedrock version (`-v1`, `-v2`); Mistral's `-v0` is the model's own.
        Some((head, version))
            if version != "0" && !version.is_empty() && version.chars().all(|c| c.is_ascii_digit()) =>
        {
            head
        }
        _ => name,
    };
    Some(PlatformForm { platform: Platform::Bedrock, form: BEDROCK_MODEL, inner: vec![name.to_string()] })
}

const BEDROCK_MODEL: &str = "an Amazon Bedrock model id";

/// A Vertex AI resource name, versioned id or Model-as-a-Service id.
fn vertex(id: &str) -> Option<PlatformForm> {
    // `projects/p/locations/l/publishers/google/models/gemini-1.5-pro`.
    let resource = id.find("publishers/").filter(|&at| at == 0 || id.starts_with("projects/")).and_then(|at| {
        let rest = &id[at + "publishers/".len()..];
        let (publisher, model) = rest.split_once("/models/")?;
        Some((publisher.to_string(), model.to_string()))
    });
    if let Some((publisher, model)) = resource {
        let mut inner = vec![model.clone(), format!("{publisher}/{model}")];
        if let Some(form) = vertex(&model) {
            inner.extend(form.inner);
        }
        return Some(PlatformForm { platform: Platform::VertexAi, form: "a Vertex AI resource name", inner });
    }
    // `claude-3-7-sonnet@20250219`: the API's `claude-3-7-sonnet-20250219`.
    if let Some((name, version)) = id.split_once('@') {
        if !name.is_empty() && !name.contains('/') && version.chars().all(|c| c.is_ascii_digit()) && !version.is_empty()
        {
            let undecorated = name.strip_suffix("-v2").unwrap_or(name);
            return Some(PlatformForm {
                platform: Platform::VertexAi,
                form: "a Vertex AI model version",
                inner: vec![format!("{name}-{version}"), format!("{undecorated}-{version}"), name.to_string()],
            });
        }
    }
    // `llama-3.3-70b-instruct-maas`, or `meta/` + that.
    if let Some(name) = id.strip_suffix("-maas") {
        let bare = name.rsplit('/').next().unwrap_or(name);
        return Some(PlatformForm {
            platform: Platform::VertexAi,
            form: "a Vertex AI Model-as-a-Service id",
            inner: vec![bare.to_string()],
        });
    }
    None
}

/// `llama-v3p1-70b-instruct` -> `llama-3.1-70b-instruct`.
fn fireworks_dots(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_dash = i == 0 || chars[i - 1] == '-';
        if c == 'v' && after_dash && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            i += 1;
            continue;
        }
        if c == 'p' && i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            out.push('.');
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_forms_are_recognised_with_the_names_they_wrap() {
        let form = recognise("us.anthropic.claude-sonnet-4-20250514-v1:0").unwrap();
        assert_eq!(form.platform, Platform::Bedrock);
        assert_eq!(form.form, "an Amazon Bedrock cross-Region inference profile");
        assert_eq!(form.inner, ["anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4-20250514"]);
        let arn = recognise("arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0").unwrap();
        assert_eq!(arn.inner, ["meta.llama3-1-70b-instruct-v1:0", "llama3-1-70b-instruct"]);
        let vertex = recognise("projects/p/locations/us-central1/publishers/google/models/gemini-1.5-pro").unwrap();
        assert_eq!(vertex.platform, Platform::VertexAi);
        assert_eq!(vertex.inner[..2], ["gemini-1.5-pro", "google/gemini-1.5-pro"]);
        assert_eq!(recognise("claude-3-5-sonnet-v2@20241022").unwrap().inner[1], "claude-3-5-sonnet-20241022");
        assert_eq!(recognise("meta/llama-3.1-8b-instruct-maas").unwrap().inner, ["llama-3.1-8b-instruct"]);
        let fireworks = recognise("accounts/fireworks/models/llama-v3p1-70b-instruct").unwrap();
        assert_eq!(fireworks.inner[1], "llama-3.1-70b-instruct");
        assert_eq!(recognise("meta-llama/Llama-3.3-70B-Instruct-Turbo").unwrap().platform, Platform::HostedBuild);
        // Hugging Face ids, API names and Ollama tags have no platform form.
        for id in ["meta-llama/Llama-3.1-70B-Instruct", "gpt-4o", "llama3.1:70b", "gpt-3.5-turbo", "gemini-1.5-pro-002"]
        {
            assert_eq!(recognise(id), None, "{id}");
        }
    }
}
