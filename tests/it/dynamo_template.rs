//! `template.yaml` declares exactly the tables of the one definition in `onair::storage::tables`.

use std::path::Path;

use onair::storage::tables;
use serde_json::{Value, json};

/// The parts of a table's `Properties` that must agree: keys, attribute definitions, indexes, TTL and billing, in a
/// canonical order.
fn shape(properties: &Value) -> Value {
    let mut attributes: Vec<Value> = properties["AttributeDefinitions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    attributes.sort_by_key(|attribute| attribute["AttributeName"].as_str().map(str::to_owned));
    let mut indexes: Vec<Value> = properties["GlobalSecondaryIndexes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|index| {
            json!({
                "IndexName": index["IndexName"],
                "KeySchema": index["KeySchema"],
                "ProjectionType": index["Projection"]["ProjectionType"],
            })
        })
        .collect();
    indexes.sort_by_key(|index| index["IndexName"].as_str().map(str::to_owned));
    json!({
        "KeySchema": properties["KeySchema"],
        "AttributeDefinitions": attributes,
        "GlobalSecondaryIndexes": indexes,
        "TimeToLive": properties["TimeToLiveSpecification"]["AttributeName"],
        "TimeToLiveEnabled": properties["TimeToLiveSpecification"]["Enabled"],
        "BillingMode": properties["BillingMode"],
    })
}

#[test]
fn template_yaml_declares_the_same_tables_as_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("template.yaml");
    // The SAM template arrives with the deployment work; until then there is nothing to disagree with.
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let template: serde_norway::Value =
        serde_norway::from_str(&text).expect("template.yaml is YAML");
    let template = serde_json::to_value(template).expect("representable as JSON");
    let declared: Vec<(String, Value)> = template["Resources"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, resource)| resource["Type"] == "AWS::DynamoDB::Table")
        .map(|(name, resource)| (name.clone(), shape(&resource["Properties"])))
        .collect();
    for spec in tables::ALL {
        let expected = shape(&spec.cloudformation_properties());
        assert!(
            declared.iter().any(|(_, shape)| *shape == expected),
            "template.yaml has no table matching the {} table of onair::storage::tables:\nexpected {}\ndeclared {}",
            spec.role,
            serde_json::to_string_pretty(&expected).unwrap_or_default(),
            serde_json::to_string_pretty(&declared).unwrap_or_default(),
        );
    }
    assert_eq!(
        declared.len(),
        tables::ALL.len(),
        "template.yaml declares DynamoDB tables the code does not know: {declared:?}"
    );
}
