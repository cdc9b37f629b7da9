//! JSON Schemas of the request and response envelopes, generated from the wire types, for testers who check
//! fixtures with their own tools (`onair schema --out DIR`).
//!
//! Both are lenient like the parser: no `additionalProperties: false` anywhere, unknown request types allowed.

use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

use crate::alexa::request::RequestEnvelope;
use crate::alexa::response::ResponseEnvelope;

/// The schema of what onair accepts from Alexa (JSON Schema 2020-12).
#[must_use]
pub fn request_schema() -> Value {
    let mut schema = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<RequestEnvelope>();
    schema.insert(
        "title".to_owned(),
        Value::from("Alexa request envelope, as onair reads it"),
    );
    schema.to_value()
}

/// The schema of what onair sends back (JSON Schema 2020-12).
#[must_use]
pub fn response_schema() -> Value {
    let mut schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<ResponseEnvelope>();
    schema.insert(
        "title".to_owned(),
        Value::from("Alexa response envelope, as onair writes it"),
    );
    let mut schema = schema.to_value();
    forbid_null(&mut schema);
    schema
}

/// Removes `null` from every type in the schema: onair leaves empty optional fields off the wire, so a `null` in a
/// response is a bug the schema should catch. (schemars describes `Option<T>` as "T or null".)
fn forbid_null(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|t| t != "null");
                if let [single] = types.as_slice() {
                    let single = single.clone();
                    object.insert("type".to_owned(), single);
                }
            }
            if let Some(Value::Array(alternatives)) = object.get_mut("anyOf") {
                alternatives.retain(|alternative| *alternative != json!({ "type": "null" }));
                if let [Value::Object(_)] = alternatives.as_slice() {
                    // `{"anyOf": [S]}` is S: fold it into the parent, which only holds annotations beside it.
                    if let Some(Value::Array(mut alone)) = object.remove("anyOf")
                        && let Some(Value::Object(inner)) = alone.pop()
                    {
                        for (key, value) in inner {
                            object.entry(key).or_insert(value);
                        }
                    }
                }
            }
            object.values_mut().for_each(forbid_null);
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_null),
        _ => {}
    }
}
